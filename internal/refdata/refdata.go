// Package refdata embeds the reference data recon ships with: the default wind
// registry, the Bitcoin difficulty adjustments (and the real capture they
// were extended from), the formula test vectors and a real snapshot of
// Elexon's BM unit list. See README.md in this folder for the
// provenance of each file.
package refdata

import _ "embed"

// WindBMUsSeed212 is the original system's wind BM unit list (May 2025), the
// default wind registry.
//
//go:embed wind_bmus_seed_212.json
var WindBMUsSeed212 []byte

// WindBMUsSeed208 is the same list as it stood in Feb–Apr 2025.
//
//go:embed wind_bmus_seed_208.json
var WindBMUsSeed208 []byte

// DifficultyEpochsCSV lists Bitcoin difficulty adjustments (height, activation
// time in UTC, difficulty).
//
//go:embed difficulty_epochs.csv
var DifficultyEpochsCSV []byte

// MempoolDifficultyAdjustments is a real response of mempool.space's
// GET /api/v1/mining/difficulty-adjustments (463 epochs, genesis to height
// 961,632 on 2026-08-08), bytes as published; whoever saved it truncated the
// difficulties to integers. The source of the table's times and of its epochs
// before December 2021 and after April 2026 (README.md).
//
//go:embed mempool_difficulty_adjustments_2026-08.json
var MempoolDifficultyAdjustments []byte

// FormulaTestVectorsCSV holds day totals published by the original system.
//
//go:embed formula_test_vectors.csv
var FormulaTestVectorsCSV []byte

// BMUnitsSnapshot is a real response of GET /reference/bmunits/all (Oct 2025).
//
//go:embed bmunits_all_snapshot_2025-10.json
var BMUnitsSnapshot []byte

// BTCGBPDailyCSV is the price of one bitcoin in pounds, one point a day,
// 2016-2025 (observed_at,price_gbp,source), the history migration 00012 seeds.
//
//go:embed btc_gbp_daily_2016-2025.csv
var BTCGBPDailyCSV []byte
