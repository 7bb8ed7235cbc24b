-- Search as you type is a prefix match on creator.search_name; see vendor/postgresql/V41 for why the two differ.
CREATE INDEX creator_search_name ON creator (search_name, id);
