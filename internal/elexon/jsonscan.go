package elexon

import (
	"encoding/json"
	"errors"
	"fmt"
)

// A small validating JSON scanner. The payloads recon reads are arrays of
// flat objects; walking them with this scanner and decoding each field
// directly is several times faster than encoding/json's reflection, and lets
// every row keep its exact bytes without a second copy of the body.

// errEnd is an input that stops in the middle of a value: a truncated body.
var errEnd = errors.New("unexpected end of JSON input")

// maxDepth bounds nesting, as encoding/json does.
const maxDepth = 10000

type scanner struct {
	b     []byte
	i     int
	depth int
}

type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at byte %d", e.msg, e.off) }

func (s *scanner) fail(what string) error {
	if s.i >= len(s.b) {
		return errEnd
	}
	return &syntaxError{msg: fmt.Sprintf("invalid character %q %s", s.b[s.i], what), off: s.i}
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value skips one value and returns its bytes and first byte.
func (s *scanner) value() ([]byte, byte, error) {
	s.ws()
	if s.i >= len(s.b) {
		return nil, 0, errEnd
	}
	start := s.i
	c := s.b[s.i]
	var err error
	switch {
	case c == '"':
		err = s.str()
	case c == '{':
		err = s.object(nil)
	case c == '[':
		err = s.array(nil)
	case c == 't':
		err = s.lit("true")
	case c == 'f':
		err = s.lit("false")
	case c == 'n':
		err = s.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		err = s.num()
	default:
		err = s.fail("looking for the beginning of a value")
	}
	return s.b[start:s.i], c, err
}

func (s *scanner) lit(word string) error {
	for j := 0; j < len(word); j++ {
		if s.i >= len(s.b) {
			return errEnd
		}
		if s.b[s.i] != word[j] {
			return s.fail("in literal " + word)
		}
		s.i++
	}
	return nil
}

func (s *scanner) digits() (int, error) {
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	if n == 0 {
		return 0, s.fail("in number")
	}
	return n, nil
}

func (s *scanner) num() error {
	if s.b[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.b) && s.b[s.i] == '0' {
		s.i++
	} else if _, err := s.digits(); err != nil {
		return err
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if _, err := s.digits(); err != nil {
			return err
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if _, err := s.digits(); err != nil {
			return err
		}
	}
	return nil
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (s *scanner) str() error {
	s.i++ // the opening quote
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return nil
		case c == '\\':
			s.i++
			if s.i >= len(s.b) {
				return errEnd
			}
			switch s.b[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				s.i++
				for k := 0; k < 4; k++ {
					if s.i >= len(s.b) {
						return errEnd
					}
					if !isHex(s.b[s.i]) {
						return s.fail("in \\u escape")
					}
					s.i++
				}
			default:
				return s.fail("in string escape code")
			}
		case c < 0x20:
			return s.fail("in string literal")
		default:
			s.i++
		}
	}
	return errEnd
}

// object scans an object, calling member with each key (still escaped,
// without its quotes) when the scanner stands before the member's value;
// member must scan the value (s.value does). A nil member skips values.
func (s *scanner) object(member func(key []byte) error) error {
	if s.depth++; s.depth > maxDepth {
		return &syntaxError{msg: "exceeded max depth", off: s.i}
	}
	defer func() { s.depth-- }()
	s.i++ // {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return nil
	}
	for {
		s.ws()
		if s.i >= len(s.b) {
			return errEnd
		}
		if s.b[s.i] != '"' {
			return s.fail("looking for beginning of object key string")
		}
		ks := s.i
		if err := s.str(); err != nil {
			return err
		}
		key := s.b[ks+1 : s.i-1]
		s.ws()
		if s.i >= len(s.b) {
			return errEnd
		}
		if s.b[s.i] != ':' {
			return s.fail("after object key")
		}
		s.i++
		var err error
		if member != nil {
			err = member(key)
		} else {
			_, _, err = s.value()
		}
		if err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) {
			return errEnd
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return s.fail("after object key:value pair")
		}
	}
}

// fields scans an object, calling field with each key and value.
func (s *scanner) fields(field func(key, val []byte)) error {
	return s.object(func(key []byte) error {
		val, _, err := s.value()
		if err == nil {
			field(key, val)
		}
		return err
	})
}

// array scans an array, calling elem (if not nil) when the scanner stands
// before each element; elem must scan it. A nil elem skips elements.
func (s *scanner) array(elem func() error) error {
	if s.depth++; s.depth > maxDepth {
		return &syntaxError{msg: "exceeded max depth", off: s.i}
	}
	defer func() { s.depth-- }()
	s.i++ // [
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		return nil
	}
	for {
		var err error
		if elem != nil {
			err = elem()
		} else {
			_, _, err = s.value()
		}
		if err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) {
			return errEnd
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return s.fail("after array element")
		}
	}
}

// objects scans an array whose elements should be objects: for each, field
// gets its members and done its bytes (obj false: not an object, not
// decoded).
func (s *scanner) objects(field func(key, val []byte), done func(raw []byte, obj bool)) error {
	return s.array(func() error {
		s.ws()
		start := s.i
		if s.i < len(s.b) && s.b[s.i] == '{' {
			if err := s.fields(field); err != nil {
				return err
			}
			done(s.b[start:s.i], true)
			return nil
		}
		v, _, err := s.value()
		if err == nil {
			done(v, false)
		}
		return err
	})
}

// end checks that only white space follows the top-level value.
func (s *scanner) end() error {
	s.ws()
	if s.i < len(s.b) {
		return s.fail("after top-level value")
	}
	return nil
}

// keyString is key with its escapes resolved (rare: real keys have none).
func keyString(key []byte) string {
	for _, c := range key {
		if c == '\\' {
			var k string
			if json.Unmarshal(append(append([]byte{'"'}, key...), '"'), &k) == nil {
				return k
			}
			break
		}
	}
	return string(key)
}

// parseError turns a scanner error on a whole body into an ErrMalformed
// error, marked as truncated (retryable) when the body simply stopped.
func parseError(body []byte, err error) error {
	if errors.Is(err, errEnd) {
		if len(body) == 0 {
			return fmt.Errorf("%w: %w: empty body", ErrMalformed, errTruncated)
		}
		return fmt.Errorf("%w: %w after %d bytes", ErrMalformed, errTruncated, len(body))
	}
	return fmt.Errorf("%w: not JSON (%v): %s", ErrMalformed, err, snippet(body))
}

// flatObject scans b, which must be exactly one JSON object, calling field
// for each member.
func flatObject(b []byte, field func(key, val []byte)) error {
	s := scanner{b: b}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return fmt.Errorf("%w: expected a JSON object, got %s", ErrMalformed, snippet(b))
	}
	if err := s.fields(field); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := s.end(); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return nil
}

// walkData scans a {"data":[...], ...} body in one pass: for each element of
// data, field gets its members and done its bytes. Syntax errors come first
// (a truncated body is retried, whatever its rows said).
func walkData(body []byte, field func(key, val []byte), done func(raw []byte, obj bool)) error {
	s := scanner{b: body}
	s.ws()
	if s.i >= len(body) {
		return parseError(body, errEnd)
	}
	if body[s.i] != '{' {
		if _, _, err := s.value(); err != nil {
			return parseError(body, err)
		}
		return fmt.Errorf("%w: expected a {\"data\":[...]} object: %s", ErrMalformed, snippet(body))
	}
	found, array, dup := false, true, false
	err := s.object(func(key []byte) error {
		if keyString(key) != "data" {
			_, _, err := s.value()
			return err
		}
		if found {
			dup = true
			_, _, err := s.value()
			return err
		}
		found = true
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == '[' {
			return s.objects(field, done)
		}
		array = false
		_, _, err := s.value()
		return err
	})
	if err == nil {
		err = s.end()
	}
	switch {
	case err != nil:
		return parseError(body, err)
	case !found || !array:
		return fmt.Errorf("%w: no \"data\" array in %s", ErrMalformed, snippet(body))
	case dup:
		return fmt.Errorf("%w: two \"data\" members", ErrMalformed)
	}
	return nil
}

// walkArray scans a body that is a bare JSON array of objects.
func walkArray(body []byte, field func(key, val []byte), done func(raw []byte, obj bool)) error {
	s := scanner{b: body}
	s.ws()
	if s.i >= len(body) {
		return parseError(body, errEnd)
	}
	if body[s.i] != '[' {
		if _, _, err := s.value(); err != nil {
			return parseError(body, err)
		}
		return fmt.Errorf("%w: expected a JSON array: %s", ErrMalformed, snippet(body))
	}
	err := s.objects(field, done)
	if err == nil {
		err = s.end()
	}
	if err != nil {
		return parseError(body, err)
	}
	return nil
}
