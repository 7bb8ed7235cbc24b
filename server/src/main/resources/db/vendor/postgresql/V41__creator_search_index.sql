-- Search as you type is a prefix match on creator.search_name (LIKE 'prefix%'). PostgreSQL uses a b-tree for that
-- only with the pattern operator class when the database collation is not C; H2 (vendor/h2/V41) needs no such class.
CREATE INDEX creator_search_name ON creator (search_name varchar_pattern_ops, id);
