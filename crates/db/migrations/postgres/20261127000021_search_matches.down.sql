DROP FUNCTION dayline_search_matches(tsquery);
