"""The built site: views and listings, statistics, clusters, feeds, sitemaps, search,
the review rubric, the serve-time page cache. Called from the plugin's events."""
