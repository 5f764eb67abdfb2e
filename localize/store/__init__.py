"""The store: listings, localisations, reviews, users and keys, batches, translation memory."""
