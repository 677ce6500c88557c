"""The application layer: what a command or the review does, from start to end. Each job is a
function that takes the store (or a database path, for a process of its own) and plain values,
reports progress through a callback and returns results; the command line parses, calls one,
and prints, and the review calls the same functions. Jobs compose the pure rooms (`ingest`,
`align`, `matching`, `metrics`) with the store; they never print.

- `imports`: import a pair, a folder (a resumable batch), a translation memory, a bead file.
- `pairing`: pair the articles of two folders and store the proposals.
- `alignment`: align stored pairs (and re-align one for the review), on `workers`.
- `evaluation`: align gold documents as `alignment` would, and score them.
- `removal`: remove pairs with what only they use.
- `workers`: where alignments are computed (here, worker processes, a Dask cluster).
"""


class Refused(Exception):
    """A job that cannot be done as asked; the message is one line for the user."""
