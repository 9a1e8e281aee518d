-- The download history keeps each download as it was asked for (issue 12): the whole post (item 0) and one
-- carousel item (single_item / img_index: its number) are rows of their own, so asking for one item no longer
-- rewrites the row of the whole carousel. created_at stays the time of the first request.
ALTER TABLE downloads ADD COLUMN item integer NOT NULL DEFAULT 0 CHECK (item BETWEEN 0 AND 20);
ALTER TABLE downloads DROP CONSTRAINT downloads_user_id_shortcode_key;
ALTER TABLE downloads ADD CONSTRAINT downloads_user_shortcode_item UNIQUE (user_id, shortcode, item);
