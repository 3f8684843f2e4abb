package org.raqib.ingest.stream;

/**
 * A frame as published: JPEG bytes and the image size.
 *
 * @param jpeg a complete JPEG file
 * @param width image width in pixels
 * @param height image height in pixels
 */
record EncodedFrame(byte[] jpeg, int width, int height) {
}
