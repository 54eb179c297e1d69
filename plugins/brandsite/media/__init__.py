"""Images and print: responsive variants, logos drawn in helper processes, posters, share
cards, the brochure and the application form. No MkDocs imports."""
