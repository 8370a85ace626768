SELECT commune_code, n_activites, n_lieux FROM gp_site_counts;
