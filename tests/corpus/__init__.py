"""The corpus of issue 9: republications made the way publishers make them (The
Conversation's republish code pasted into WordPress classic and block themes, Drupal, Ghost,
AMP, a newsletter, a digest, plain text), each with at most one edit and the verdict the
checker must give. Data: templates/ (layouts), originals.py (the recorded samples), edits.py
(what publishers do), cases.py (the table, and the known-wrong set). judge.py builds each
page in memory and has the checker judge it; tests/test_corpus.py runs every case and
`python -m tests.corpus` prints the table."""
