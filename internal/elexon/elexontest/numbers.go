package elexontest

import (
	"strconv"
	"time"
)

// appendRatio appends num/den as a JSON number, rounded half away from zero
// to 16 significant digits and written in its shortest form, the way the real
// API prints its values (1/240 MWh prints as 0.004166666666666667). Integer
// arithmetic only; den must be below MaxInt64/10.
func appendRatio(b []byte, num, den int64) []byte {
	if den < 0 {
		num, den = -num, -den
	}
	neg := num < 0
	if neg {
		num = -num
	}
	const sig = 16
	var buf [48]byte
	digits := strconv.AppendInt(buf[:0], num/den, 10)
	if digits[0] == '0' {
		digits = digits[:0]
	}
	point := len(digits) // digits[:point] is the integer part
	rem := num % den
	significant := len(digits)
	for rem != 0 && significant <= sig && len(digits) < len(buf)-1 {
		rem *= 10
		d := byte(rem / den)
		rem %= den
		digits = append(digits, '0'+d)
		if significant > 0 || d != 0 {
			significant++
		}
	}
	if significant > sig {
		// Drop the 17th significant digit, rounding on it.
		last := digits[len(digits)-1]
		digits = digits[:len(digits)-1]
		if last >= '5' {
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i >= 0 {
				digits[i]++
			} else {
				digits = append(digits, 0)
				copy(digits[1:], digits)
				digits[0] = '1'
				point++
			}
		}
	}
	for len(digits) > point && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 0 {
		return append(b, '0')
	}
	if neg {
		b = append(b, '-')
	}
	if point == 0 {
		b = append(b, '0')
	} else {
		b = append(b, digits[:point]...)
	}
	if len(digits) > point {
		b = append(b, '.')
		b = append(b, digits[point:]...)
	}
	return b
}

// appendTiny appends k/3,600,000 (a volume of k kW for one second, in MWh)
// rounded half up to 18 decimal places and written in exponent form with a
// two-digit exponent, as the real API writes such volumes: 1 gives
// 2.77777777778e-07, 4 gives 1.111111111111e-06. k must be 1 to 360 (values
// under 10^-4).
func appendTiny(b []byte, k int64) []byte {
	// k/3,600,000 × 10^18 = k × 10^13 / 36, rounded half up.
	n := (k*10_000_000_000_000*2 + 36) / 72
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], n, 10)
	exp := len(digits) - 1 - 18
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	b = append(b, digits[0])
	if len(digits) > 1 {
		b = append(b, '.')
		b = append(b, digits[1:]...)
	}
	b = append(b, "e-"...)
	if -exp < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(-exp), 10)
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

func appendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }
