package main

import (
	"context"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// onFirstInterrupt, when set, is called at the first SIGINT or SIGTERM
// instead of cancelling: a command that can stop cleanly (backfill) sets it
// and finishes what it is doing. The second signal cancels regardless.
var onFirstInterrupt atomic.Pointer[func()]

// interruptible returns a context that SIGINT or SIGTERM cancels: at once,
// or at the second signal when a command has set onFirstInterrupt. The
// returned function stops listening.
func interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sig:
		case <-ctx.Done():
			return
		}
		if f := onFirstInterrupt.Load(); f != nil {
			(*f)()
			select {
			case <-sig:
			case <-ctx.Done():
				return
			}
		}
		cancel()
	}()
	return ctx, func() {
		signal.Stop(sig)
		cancel()
	}
}
