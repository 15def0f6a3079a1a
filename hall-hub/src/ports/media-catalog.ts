import type { MediaAsset } from '@hall/shared';

/**
 * The media library as signage reads it: campaigns name assets by id; the scene resolves them to what a screen
 * fetches. The library (uploads, checks, storage) implements it; signage only reads.
 */
export interface MediaCatalog {
  asset(id: string): MediaAsset | null;
}
