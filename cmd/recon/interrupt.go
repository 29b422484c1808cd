package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
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

// drainOnInterrupt makes the first SIGINT or SIGTERM close stop (and say
// so on stderr) instead of cancelling: a command over many dates then
// finishes the dates in progress and starts no more; the second signal
// cancels them. undo restores the default.
func drainOnInterrupt(g *Globals) (stop chan struct{}, undo func()) {
	stop = make(chan struct{})
	var once sync.Once
	drain := func() {
		once.Do(func() {
			fmt.Fprintln(g.stderr, "\nrecon: interrupted: finishing the dates in progress and starting no more; interrupt again to abort them (each rolls back whole: nothing partial is kept)")
			close(stop)
		})
	}
	onFirstInterrupt.Store(&drain)
	return stop, func() { onFirstInterrupt.Store(nil) }
}
