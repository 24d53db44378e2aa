"""fundwatch's spiders on Scrapyd nodes, when one machine is not enough for the crawling.

A node runs `scrapy crawl SOURCE_ID` with `settings.py` here: the same spiders and polite settings as
`fundwatch crawl`, but no repository. Items go to Scrapyd's feed export (JSON lines in its
`items_dir`), and `fundwatch ingest` stores them on the repository's machine. `egg.py` builds the egg
to deploy (the code, plus the config folder the node crawls with); `loader.py` finds a spider by its
source id; `deployed.py` says where that config is.
"""
