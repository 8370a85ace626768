SELECT old_code, code FROM cog_old_codes;
