"""What the site publishes besides its pages: the catalogue and the built pages in, files out.

The Atom feeds, the open data and the schemas (export), the search index (search, Pagefind), the
editors' form at /admin/ (cms, Sveltia CMS configured from the schemas), the guard over everything
published (published), and the preview's banner while `make serve` shows bad data (preview).
"""
