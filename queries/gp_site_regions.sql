SELECT region_code FROM gp_site_regions;
