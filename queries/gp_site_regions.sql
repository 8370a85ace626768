-- Regions where GP practice sites are loaded.
SELECT DISTINCT c.region_code FROM gp_sites g JOIN communes c ON c.code = g.commune_code;
