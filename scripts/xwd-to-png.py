#!/usr/bin/env python3
"""Converts an xwd screen dump (24/32-bit TrueColor ZPixmap, as `xwd -root` makes on Xvfb) to PNG
with the standard library only: the kiosk's Xvfb check needs no ImageMagick."""
import struct, sys, zlib

def main(source, target):
    data = open(source, 'rb').read()
    header = struct.unpack('>25I', data[:100])
    header_size, _, _, depth, width, height = header[:6]
    byte_order, bits_per_pixel, bytes_per_line = header[7], header[11], header[12]
    red_mask, green_mask, blue_mask = header[14:17]
    ncolors = header[19]
    if bits_per_pixel not in (24, 32):
        sys.exit(f'xwd-to-png: {bits_per_pixel} bits per pixel is not supported')
    pixels = data[header_size + 12 * ncolors:]
    step = bits_per_pixel // 8
    order = '<' if byte_order == 0 else '>'
    shift = lambda mask: (mask & -mask).bit_length() - 1
    rs, gs, bs = shift(red_mask), shift(green_mask), shift(blue_mask)
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        line = pixels[y * bytes_per_line: y * bytes_per_line + width * step]
        for x in range(width):
            chunk = line[x * step:(x + 1) * step]
            value = int.from_bytes(chunk, 'little' if order == '<' else 'big')
            rows += bytes(((value & red_mask) >> rs, (value & green_mask) >> gs, (value & blue_mask) >> bs))
    chunk = lambda kind, body: struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
    png += chunk(b'IDAT', zlib.compress(bytes(rows), 6)) + chunk(b'IEND', b'')
    open(target, 'wb').write(png)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
