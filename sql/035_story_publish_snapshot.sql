-- The account's live story ids read just before a story's media_publish (GET /{ig-user-id}/stories), so a story
-- whose publish answer was lost is recovered exactly: the one story not in this list (and recorded by no other
-- post). NULL: not a story, or the list could not be read (recovery then falls back to PublishedStoryMatch's rule).
ALTER TABLE instagram_publications ADD COLUMN stories_before text[];
