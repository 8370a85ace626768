-- GP activities (a GP at a site) and distinct sites per commune, where GP sites are loaded.
-- Returns: commune_code, n_activites, n_lieux. Parameters: none.
SELECT commune_code, n_activites, n_lieux FROM gp_site_counts;
