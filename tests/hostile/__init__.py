"""Hostile input, crash and concurrency tests (issue 7). A package so its helpers import as
`hostile.util` and `hostile.cases` from here, from tests/ and from bench/."""
