-- Stories, reels and carousels (issue 14, media types): what such a post publishes, beside the feed photo's
-- image_url (which holds the post's first media URL for them): the media type Meta is asked for and the media
-- themselves as JSON (PublishedMedia: the story's image or video, the reel's video, cover and options, the
-- carousel's 2–10 items), NULL for a feed photo.
ALTER TABLE instagram_publications ADD COLUMN media jsonb;
