package main

import (
	"context"
	"net/http"
	"os"

	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// PriceCmd is `recon price`.
type PriceCmd struct {
	Import PriceImportCmd `cmd:"" help:"Load BTC prices in pounds from a CSV file (observed_at,price_gbp[,source]); points replace stored ones at the same instant."`
	Sync   PriceSyncCmd   `cmd:"" help:"Fetch BTC prices in pounds from mempool.space's historical-price endpoint (or a compatible --url)."`
}

// PriceImportCmd is `recon price import`.
type PriceImportCmd struct {
	File string `arg:"" help:"CSV with header observed_at,price_gbp[,source]; observed_at in RFC 3339 (a daily close for day D at D+1 00:00Z), price a positive decimal." type:"path"`
}

// Run imports the file.
func (c *PriceImportCmd) Run(ctx context.Context, g *Globals) error {
	data, err := os.ReadFile(c.File)
	if err != nil {
		return recon.BadInput("cannot read %s: %v", c.File, err)
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.ImportPrices(ctx, recon.PriceImportOptions{Name: c.File, CSV: data})
	if err != nil {
		return err
	}
	g.printf("price import %s: %d point(s): %d inserted, %d replaced, %d unchanged\n",
		c.File, res.Offered, res.Inserted(), res.Replaced(), res.Unchanged)
	printPriceChanges(g, res)
	return nil
}

// PriceSyncCmd is `recon price sync`. It takes the global --http-timeout
// and --retries for its one request.
type PriceSyncCmd struct {
	URL  string `name:"url" help:"Base URL of the source; recon asks it for /api/v1/historical-price?currency=GBP (default: --price-url, env RECON_PRICE_URL, itself https://mempool.space by default)." placeholder:"URL"`
	From string `help:"Take every point from this date's 00:00Z on, replacing stored ones; without it only points after the latest stored one are taken." placeholder:"YYYY-MM-DD"`
}

// Run syncs the history.
func (c *PriceSyncCmd) Run(ctx context.Context, g *Globals) error {
	if g.HTTPTimeout <= 0 || g.Retries < 0 {
		return recon.BadInput("--http-timeout must be positive and --retries 0 or more")
	}
	url := c.URL
	if url == "" {
		url = g.PriceURL
	}
	opt := recon.PriceSyncOptions{URL: url, Source: &price.Client{HTTP: &http.Client{Timeout: g.HTTPTimeout}, Retries: g.Retries}}
	if c.From != "" {
		d, err := settlement.ParseDate(c.From)
		if err != nil {
			return recon.BadInput("--from %v", err)
		}
		opt.From = d
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.SyncPrices(ctx, opt)
	if err != nil {
		return err
	}
	label := ""
	if res.Synthetic {
		label = " [SYNTHETIC prices from recon's stand-in server]"
	}
	g.printf("price sync from %s%s: %d point(s) taken: %d inserted, %d replaced, %d unchanged\n",
		res.Source, label, res.Offered, res.Inserted(), res.Replaced(), res.Unchanged)
	switch {
	case res.Older > 0 && c.From != "":
		g.printf("  %d point(s) before %s left alone\n", res.Older, c.From)
	case res.Older > 0:
		g.printf("  %d point(s) not after the latest stored one (%s) left alone: pass --from D to take them\n",
			res.Older, res.Latest.Format(priceTime))
	}
	if res.NoData > 0 {
		g.printf("  %d source entries without a price (0 or less) skipped\n", res.NoData)
	}
	printPriceChanges(g, res)
	return nil
}

// priceTime is how instants of points are printed.
const priceTime = "2006-01-02 15:04Z"

// pricesListed bounds how many changed points are listed one per line.
const pricesListed = 20

// printPriceChanges lists the changes (the first few) and says which dates'
// stored values are out of date and the command that updates them.
func printPriceChanges(g *Globals, res *recon.PriceResult) {
	for i, ch := range res.Changes {
		if i == pricesListed {
			g.printf("  ... and %d more\n", len(res.Changes)-pricesListed)
			break
		}
		if ch.Inserted() {
			g.printf("  + %s  %s  (%s)\n", ch.ObservedAt.Format(priceTime), gbpPrice(ch.GBP), ch.Source)
			continue
		}
		g.printf("  ~ %s  %s -> %s", ch.ObservedAt.Format(priceTime), gbpPrice(ch.OldGBP.Decimal), gbpPrice(ch.GBP))
		if ch.OldSource != ch.Source {
			g.printf("  (%s -> %s)", ch.OldSource, ch.Source)
		}
		g.printf("\n")
	}
	if len(res.Changes) == 0 {
		g.printf("recorded as run #%d; the price history is unchanged\n", res.RunID)
		return
	}
	from, to := res.AffectedFrom.Format(settlement.DateLayout), res.AffectedTo.Format(settlement.DateLayout)
	g.printf("recorded as run #%d. Values stored for dates %s to %s may be out of date: run\n  %s\n",
		res.RunID, from, to, g.suggest("recalc", "--from", from, "--to", to))
}
