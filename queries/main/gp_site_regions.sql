-- Regions where GP practice sites are loaded: elsewhere site counts are unknown, not zero.
-- Returns: region_code. Parameters: none.
SELECT region_code FROM gp_site_regions;
