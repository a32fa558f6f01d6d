"""The commands, one module each: the Makefile's targets in, exit statuses and messages out.

build (`make build`), serve (`make serve`), check (`make check`, with report: the warnings an editor
sees, and launch and sample: `make check PUBLISH=1`), fix (`make fix`), new (`make new`), linkcheck
(`make linkcheck`), synth (synthetic briefings for `make bench`) and readability (the pull request's
plain-words report). Run as `python -m macros.tools.<name>`.
"""
