-- Two posts never record the same Instagram media id: a post records the media its own media_publish made (the
-- answer, or a lost answer's recovery: PublishedStoryMatch for a story, the caption for a feed post), and a media id
-- is Meta's, unique across accounts. A recovery that would take another post's media now fails that job's completion
-- (unique_violation), and its next attempt leaves the recorded media out (PublicationStore.recordedMediaIDs).
-- A database that already holds such a pair (recorded before this migration) stops here with the posts named: the
-- one whose media it is not gets its media_id set to NULL (and its state as it should be) by hand, then start again.
DO $$
DECLARE
    pairs text;
BEGIN
    SELECT string_agg(format('media %s: posts %s', media_id, ids), '; ') INTO pairs
    FROM (SELECT media_id, string_agg(id::text, ', ' ORDER BY id) AS ids
          FROM instagram_publications WHERE media_id IS NOT NULL GROUP BY media_id HAVING count(*) > 1) d;
    IF pairs IS NOT NULL THEN
        RAISE EXCEPTION 'instagram_publications records one media id for several posts (%)', pairs
            USING HINT = 'set media_id to NULL on each post whose media it is not, then start again';
    END IF;
END $$;

CREATE UNIQUE INDEX instagram_publications_media ON instagram_publications (media_id) WHERE media_id IS NOT NULL;
