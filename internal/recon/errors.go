package recon

import (
	"errors"
	"fmt"
	"net"
)

// Exit statuses of the recon command, by the kind of error a use case returns.
const (
	ExitOK          = 0 // success
	ExitFailure     = 1 // a runtime failure: the API, the database
	ExitUsage       = 2 // a usage error or bad input; nothing was written
	ExitDifferences = 3 // verification found differences it did not fix
)

// InputError is bad input: a malformed or impossible date, a period outside
// the day, an unknown miner model. Nothing has been written when it is
// returned. The command exits with ExitUsage.
type InputError struct{ msg string }

func (e *InputError) Error() string { return e.msg }

// BadInput returns an *InputError with a formatted message, which should say
// what was wrong and what to do.
func BadInput(format string, args ...any) error {
	return &InputError{msg: fmt.Sprintf(format, args...)}
}

// Unreachable reports whether err is (or wraps) a request that got no
// answer at all: the connection was refused, the host is unknown, the
// network is down. A wrong URL looks like this; what to do is to check the
// URL and the network, not to wait for the source.
func Unreachable(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.As(err, &op)
}

// IsBadInput reports whether err is (or wraps) an *InputError.
func IsBadInput(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}
