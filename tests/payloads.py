"""Script-injection payloads that editors might type into the atlas (tests).

Each one tries another way out of the HTML, attribute, URL, JSON, template or
spreadsheet context its text lands in.
"""

# Plain text typed into titles, summaries, captions, names and rich text.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus x='",
    "</title><script>alert(1)</script>",
    '</script><script>alert(1)</script>{"x":"',
    "</textarea></style></noscript><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">lien</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "\u2028\u2029</script><script>alert(1)</script>",
    "{{ request.user }}{% debug %}{{7*7}}",
    "${alert(1)}`${alert(1)}`",
    '=HYPERLINK("https://evil.example","x")+1\r\nBEGIN:VEVENT',
    "@SUM(1+1)\t-2+3",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
]

# Web addresses that URL validation accepts, yet try to break out of an attribute
# or a script: what an editor can put in URL fields and embeds.
URL_PAYLOADS = [
    'https://evil.example/"><script>alert(1)</script>',
    "https://evil.example/'onmouseover='alert(1)",
    'https://evil.example/?q="><img/src=x/onerror=alert(1)>',
    "https://evil.example/</script><script>alert(1)</script>",
]

# Addresses that run script when followed; validation and the rich-text editor must
# refuse or drop them.
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
