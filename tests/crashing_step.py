"""An article step for tests/test_pool.py: syndication.step.process, except for article
CRASH_ID, whose worker process kills itself with SIGKILL (as the kernel's OOM killer or an
operator would), and article HANG_ID, whose worker sleeps so that a test can kill the run
around it. (Constants, not environment variables: the fork server that starts the workers
may have been started before a test sets one.)"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence

from syndication.models import Article, Processed
from syndication.step import process as real_process

TARGET = "tests.crashing_step:process"
CRASH_ID = 3_000_007
HANG_ID = 3_500_011


def process(article: Article, whole: bool, extracts: Sequence[int],
            taken: Sequence[str] = ()) -> Processed:
    if article.article_id == CRASH_ID:
        os.kill(os.getpid(), signal.SIGKILL)
    if article.article_id == HANG_ID:
        time.sleep(60)
    return real_process(article, whole, extracts, taken)
