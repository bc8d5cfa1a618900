"""Reading and writing the files a team keeps in git: safe, positioned, atomic."""
