package main

import (
	"errors"
	"fmt"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/recon"
)

// Errors that say what to do: the advice added to failures whose cause the
// user can fix with a flag.

// apiHint adds to an API request that got no answer at all (after its
// retries) the flag that names the API: a wrong --elexon-url, or no
// network, looks exactly like this. Other errors pass unchanged.
func apiHint(err error, g *Globals) error {
	var e *elexon.Error
	if !errors.As(err, &e) || !recon.Unreachable(e) {
		return err
	}
	return fmt.Errorf("%w; the API at %s could not be reached: check --elexon-url (or ELEXON_BASE_URL) and the network", err, g.ElexonURL)
}
