// Package difficulty is everything recon knows about Bitcoin's network
// difficulty, in one place:
//
//   - [Epoch] and [Schedule]: the table of adjustments and the difficulty in
//     force at an instant (the latest adjustment at or before it, never a
//     default), which internal/bitcoin's arithmetic asks through its
//     Difficulties interface;
//   - [ParseEpochsCSV]: the CSV format of the shipped table
//     (internal/refdata/difficulty_epochs.csv) and of `recon difficulty
//     import`;
//   - [Parse] and [Client]: the public adjustment history in mempool.space's
//     shape, which `recon difficulty sync` fetches.
//
// Its stand-in server for tests is the subpackage difficultytest. Storing
// epochs is internal/recon's business (the difficulty_epochs table); this
// package does no database I/O.
package difficulty
