"""A folder of articles: its listing, the most alike pair, the overview (similarity, clusters)."""
