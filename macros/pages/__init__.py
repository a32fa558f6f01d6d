"""The pages: the catalogue in, sanitised HTML out.

One Jinja template per kind of record (templates/, autoescaping), rich text through markdown-it-py
in safe mode and every page through an allowlist sanitiser (safe), charts and QR codes built as
SVG by code (chart, qr), each page's table of contents from its own headings (render), every record
page rendered on every core (records). `urls` makes every address the site publishes; `feeds` says
what each feed holds; `csp` writes each finished page's Content-Security-Policy.
"""
