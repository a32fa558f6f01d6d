"""The data: files in, a checked catalogue out.

data/*.yml and data/briefings/*.yml come in. Each file is read safely with the line of every value
(yamlload; mend mends what is mechanical in memory), checked against its schema (validate), by the
identifiers guard (identifiers, guard) and the other rules (sources, dates, references, names ...),
and every problem comes out as a `Problem` at its file and line (errors), its value quoted only
through `text`. What passes is built into the domain objects (model) and indexed (catalogue).
`kinds` declares each kind of record once. Nothing here knows HTML or an engine.
"""
