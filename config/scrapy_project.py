"""Scrapy project settings for Scrapy's own command-line tools, from the same polite defaults fundwatch crawls with."""

from pathlib import Path

from config.loader import load_settings
from config.settings import scrapy_settings

_settings = scrapy_settings(
    load_settings(), db_path=Path("data/fundwatch.db"), batch="scrapy-cli", log_level="INFO"
)
BOT_NAME = _settings["BOT_NAME"]
USER_AGENT = _settings["USER_AGENT"]
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = _settings["DOWNLOAD_DELAY"]
DOWNLOAD_TIMEOUT = _settings["DOWNLOAD_TIMEOUT"]
DOWNLOAD_MAXSIZE = _settings["DOWNLOAD_MAXSIZE"]
DOWNLOADER_MIDDLEWARES = _settings["DOWNLOADER_MIDDLEWARES"]
SPIDER_MODULES: list[str] = []  # fundwatch spiders are built per source by `fundwatch crawl`
