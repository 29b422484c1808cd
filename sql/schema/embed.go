// Package schema embeds recon's goose migrations, so that `recon migrate`
// applies exactly the files that `goose -dir sql/schema postgres "$DATABASE_URL" up` does.
package schema

import "embed"

// FS holds the migration files (*.sql).
//
//go:embed *.sql
var FS embed.FS
