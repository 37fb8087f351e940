"""Market briefs: a static site generator for news articles with a market reading."""

import os

# The summarizers multiply small matrices (at most 150 sentences square), in one worker
# process per core. OpenBLAS would also start a thread per core in every worker, and the
# threads would fight over the cores: with one thread each, 1,000 articles take 1.75 s on
# two cores instead of 2.47 s. It must be set before numpy loads OpenBLAS, so here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
