package elexontest

import "strconv"

func appendFlag(b []byte, f int8) []byte {
	switch f {
	case 1:
		return append(b, "true"...)
	case 0:
		return append(b, "false"...)
	default:
		return append(b, "null"...)
	}
}

// rowCommon is what the rows of one stack share, already formatted.
type rowCommon struct {
	date, period   string
	start, created string // JSON strings, quotes included
}

// appendGenRow writes a generated row field by field, in the order and the
// number formats of the real API.
func appendGenRow(b []byte, c *rowCommon, seq int32, r *genRow) []byte {
	b = append(b, `{"settlementDate":"`...)
	b = append(b, c.date...)
	b = append(b, `","settlementPeriod":`...)
	b = append(b, c.period...)
	b = append(b, `,"startTime":`...)
	b = append(b, c.start...)
	b = append(b, `,"createdDateTime":`...)
	if r.createdNull {
		b = append(b, "null"...)
	} else {
		b = append(b, c.created...)
	}
	b = append(b, `,"sequenceNumber":`...)
	b = strconv.AppendInt(b, int64(seq), 10)
	b = append(b, `,"id":`...)
	if r.id == "" {
		b = append(b, "null"...)
	} else {
		b = appendID(b, r.id)
	}
	b = append(b, `,"acceptanceId":`...)
	if r.acceptance == 0 {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, r.acceptance, 10)
	}
	b = append(b, `,"bidOfferPairId":`...)
	if !r.hasBop {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(r.bop), 10)
	}
	b = append(b, `,"cadlFlag":`...)
	b = appendFlag(b, r.cadl)
	b = append(b, `,"soFlag":`...)
	b = appendFlag(b, r.so)
	b = append(b, `,"storProviderFlag":false,"repricedIndicator":`...)
	b = appendBool(b, r.repriced)
	b = append(b, `,"reserveScarcityPrice":null,"originalPrice":`...)
	priceAt := len(b)
	b = appendPrice(b, r)
	price := b[priceAt:]
	b = append(b, `,"volume":`...)
	if r.tinyK > 0 {
		b = appendTiny(b, r.tinyK)
	} else {
		b = appendRatio(b, r.volK, 240)
	}
	// DMAT removes the tiniest volumes (under 0.1 MWh here).
	dmat := r.volK
	if dmat > -24 && dmat < 24 {
		dmat = 0
	}
	b = append(b, `,"dmatAdjustedVolume":`...)
	dmatAt := len(b)
	b = appendRatio(b, dmat, 240)
	dmatText := b[dmatAt:]
	if r.offerAdjusted {
		b = append(b, `,"arbitrageAdjustedVolume":null,"nivAdjustedVolume":null,"parAdjustedVolume":null,"finalPrice":`...)
		b = append(b, price...)
		b = append(b, `,"transmissionLossMultiplier":`...)
		b = appendRatio(b, r.tlm, 10_000_000)
		return append(b, `,"tlmAdjustedVolume":null,"tlmAdjustedCost":null}`...)
	}
	b = append(b, `,"arbitrageAdjustedVolume":`...)
	b = append(b, dmatText...)
	b = append(b, `,"nivAdjustedVolume":`...)
	if r.nivZero {
		b = append(b, '0')
	} else {
		b = append(b, dmatText...)
	}
	b = append(b, `,"parAdjustedVolume":`...)
	if r.parNonZero {
		b = append(b, dmatText...)
	} else {
		b = append(b, '0')
	}
	b = append(b, `,"finalPrice":`...)
	b = append(b, price...)
	b = append(b, `,"transmissionLossMultiplier":`...)
	b = appendRatio(b, r.tlm, 10_000_000)
	b = append(b, `,"tlmAdjustedVolume":`...)
	b = appendRatio(b, r.volK*r.tlm, 240*10_000_000)
	b = append(b, `,"tlmAdjustedCost":`...)
	if r.priceNull {
		b = append(b, "null"...)
	} else {
		b = appendRatio(b, r.volK*r.tlm*r.pricePence, 240*10_000_000*100)
	}
	return append(b, '}')
}

// appendID appends a BM unit id as a JSON string. Ids are plain ASCII; any
// other string goes through strconv's quoting.
func appendID(b []byte, id string) []byte {
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, id)
		}
	}
	b = append(b, '"')
	b = append(b, id...)
	return append(b, '"')
}

func appendPrice(b []byte, r *genRow) []byte {
	if r.priceNull {
		return append(b, "null"...)
	}
	return appendRatio(b, r.pricePence, 100)
}
