import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  eventDedupeKey,
  eventNeedsHandling,
  eventUserId,
  parseWebhookBody,
  parseWebhookEvent,
  ZaloEventError,
  type WebhookEvent,
} from '../../src/zalo/events.js';

const SAMPLES_DIR = fileURLToPath(new URL('../../webhooks', import.meta.url));
const USER = '7248937185012345678';
const OA = '4318203940283912345';

function sample(name: string): string {
  return readFileSync(join(SAMPLES_DIR, name), 'utf8');
}

const expectedKinds: Record<string, WebhookEvent['kind']> = {
  'user_send_text.json': 'text',
  'user_send_image.json': 'image',
  'user_send_sticker.json': 'sticker',
  'user_send_location.json': 'location',
  'user_send_file.json': 'file',
  'user_send_link.json': 'link',
  'follow.json': 'follow',
  'unfollow.json': 'unfollow',
  'user_submit_info.json': 'submit_info',
  'oa_send_text.json': 'oa_echo',
  'oa_send_text-admin.json': 'oa_echo',
  'user_send_audio.json': 'media',
  'user_send_video.json': 'media',
  'user_send_gif.json': 'media',
  'user_send_business_card.json': 'media',
};

describe('webhook samples', () => {
  it('has exactly the samples this test knows about', () => {
    expect(readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(expectedKinds).sort());
  });

  for (const [file, kind] of Object.entries(expectedKinds)) {
    it(`${file} parses as ${kind}, with string ids`, () => {
      const event = parseWebhookBody(sample(file));
      expect(event.kind).toBe(kind);
      expect(event.appId).toBe('2918437620154871032');
      expect(typeof event.timestamp).toBe('number');
      if (kind !== 'other') expect(eventUserId(event)).toBe(USER);
    });
  }

  it('extracts what each kind is about', () => {
    const text = parseWebhookBody(sample('user_send_text.json'));
    expect(text).toEqual({
      kind: 'text',
      eventName: 'user_send_text',
      appId: '2918437620154871032',
      userIdByApp: '6012345678901234567',
      timestamp: 1768291234567,
      userId: USER,
      oaId: OA,
      msgId: 'b5f0b1d6e2a74c1f9a3e8d7c6b5a4f31',
      text: 'Cho em hỏi làm giấy khai sinh cho con cần mang giấy tờ gì ạ?',
    });

    const image = parseWebhookBody(sample('user_send_image.json'));
    expect(image.kind === 'image' && image.images[0]?.url).toMatch(/^https:\/\//);
    expect(image.kind === 'image' && image.caption).toBe('Đường ở thôn 3 bị sạt lở sau mưa');

    const location = parseWebhookBody(sample('user_send_location.json'));
    expect(location).toMatchObject({ kind: 'location', latitude: 16.4637117, longitude: 107.5908634, text: 'Nhà văn hóa thôn 3' });

    const file = parseWebhookBody(sample('user_send_file.json'));
    expect(file).toMatchObject({ kind: 'file', name: 'to-khai-dang-ky-khai-sinh.pdf', size: 245760, fileType: 'pdf' });

    const link = parseWebhookBody(sample('user_send_link.json'));
    expect(link).toMatchObject({ kind: 'link', url: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html', title: 'Cổng Dịch vụ công Quốc gia' });

    const sticker = parseWebhookBody(sample('user_send_sticker.json'));
    expect(sticker).toMatchObject({ kind: 'sticker', stickerId: 'bfe458bf64fa8da4d4eb' });
  });

  it('takes the follower id (not sender) for follow and unfollow', () => {
    expect(parseWebhookBody(sample('follow.json'))).toMatchObject({ kind: 'follow', userId: USER, oaId: OA, source: 'oa_profile' });
    expect(parseWebhookBody(sample('unfollow.json'))).toMatchObject({ kind: 'unfollow', userId: USER, oaId: OA });
  });

  it('keeps submitted info, dropping empty fields', () => {
    const event = parseWebhookBody(sample('user_submit_info.json'));
    expect(event).toMatchObject({ kind: 'submit_info', userId: USER, oaId: OA });
    if (event.kind !== 'submit_info') throw new Error('unreachable');
    expect(event.info).toEqual({
      name: 'Nguyễn Văn An',
      phone: '84912345678',
      address: 'Thôn 3',
      ward: 'Xã Phú Mậu',
      city: 'Thành phố Huế',
    });
  });

  it('reads an OA echo of our own send as nothing to handle, and one typed by an admin as a takeover', () => {
    const echo = parseWebhookBody(sample('oa_send_text.json'));
    expect(echo).toMatchObject({ kind: 'oa_echo', eventName: 'oa_send_text', oaId: OA, userId: USER, adminId: undefined });
    expect(eventNeedsHandling(echo)).toBe(false);
    const byAdmin = parseWebhookBody(sample('oa_send_text-admin.json'));
    expect(byAdmin).toMatchObject({ kind: 'oa_echo', userId: USER, adminId: '5551234567890123456' });
    expect(eventNeedsHandling(byAdmin)).toBe(true);
  });

  it('reads voice, video, GIF and contact cards as media messages to answer', () => {
    const types = ['user_send_audio.json', 'user_send_video.json', 'user_send_gif.json', 'user_send_business_card.json'].map((f) => {
      const event = parseWebhookBody(sample(f));
      expect(eventNeedsHandling(event)).toBe(true);
      return event.kind === 'media' ? event.mediaType : undefined;
    });
    expect(types).toEqual(['audio', 'video', 'gif', 'business_card']);
  });

  it('never names the OA as the user of a receipt', () => {
    const seen = parseWebhookEvent({ app_id: '1', event_name: 'user_seen_message', timestamp: '1', sender: { id: OA }, recipient: { id: USER }, message: { msg_ids: ['x'] } });
    expect(eventUserId(seen)).toBeUndefined();
  });
});

describe('parseWebhookEvent', () => {
  it('keeps ids exact when they arrive as JSON numbers larger than 2^53', () => {
    const raw = sample('user_send_text.json').replace(`"id": "${USER}"`, `"id": ${USER}`);
    expect(raw).toContain(`"id": ${USER}`);
    const event = parseWebhookBody(raw);
    expect(eventUserId(event)).toBe(USER);
    // The naive path would have rounded it:
    expect(String((JSON.parse(raw) as { sender: { id: number } }).sender.id)).not.toBe(USER);
  });

  it('accepts already-parsed JSON and numeric timestamps', () => {
    const json = JSON.parse(sample('follow.json')) as Record<string, unknown>;
    json.timestamp = 1768291100385;
    expect(parseWebhookEvent(json)).toMatchObject({ kind: 'follow', timestamp: 1768291100385 });
  });

  it('accepts lat/long coordinates as numbers too', () => {
    const json = JSON.parse(sample('user_send_location.json'));
    json.message.attachments[0].payload.coordinates = { lat: 10.79, long: 106.78 };
    expect(parseWebhookEvent(json)).toMatchObject({ kind: 'location', latitude: 10.79, longitude: 106.78 });
  });

  it('falls back to other for unknown events that still have the envelope', () => {
    const event = parseWebhookEvent({
      app_id: '2918437620154871032',
      event_name: 'user_seen_message',
      timestamp: '1768291300000',
      sender: { id: USER },
      recipient: { id: OA },
      message: { msg_ids: ['x'] },
    });
    expect(event).toMatchObject({ kind: 'other', eventName: 'user_seen_message', senderId: USER });
  });

  it('rejects bodies without the common envelope or with a broken known event', () => {
    expect(() => parseWebhookEvent({ event_name: 'follow' })).toThrow(ZaloEventError);
    expect(() => parseWebhookEvent({})).toThrow(/no event_name/);
    expect(() => parseWebhookBody('{not json')).toThrow(ZaloEventError);
    const broken = JSON.parse(sample('user_send_text.json'));
    delete broken.message.msg_id;
    let error: unknown;
    try {
      parseWebhookEvent(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZaloEventError);
    expect((error as ZaloEventError).eventName).toBe('user_send_text');
    expect((error as ZaloEventError).issues.join()).toContain('message.msg_id');
    // The error must not echo what the resident wrote.
    expect((error as Error).message).not.toContain('khai sinh');
  });
});

describe('eventDedupeKey', () => {
  it('uses msg_id for messages, so a redelivery has the same key', () => {
    const first = parseWebhookBody(sample('user_send_text.json'));
    const again = parseWebhookBody(sample('user_send_text.json'));
    expect(eventDedupeKey(first)).toBe(eventDedupeKey(again));
    expect(eventDedupeKey(first)).toContain('b5f0b1d6e2a74c1f9a3e8d7c6b5a4f31');
  });

  it('uses event name, user and timestamp for events without msg_id', () => {
    const follow = parseWebhookBody(sample('follow.json'));
    const unfollow = parseWebhookBody(sample('unfollow.json'));
    expect(eventDedupeKey(follow)).toBe(`follow:${USER}:1768291100385`);
    expect(eventDedupeKey(unfollow)).not.toBe(eventDedupeKey(follow));
    expect(eventDedupeKey(parseWebhookBody(sample('user_submit_info.json')))).toBe(`user_submit_info:${USER}:1768291640117`);
  });

  it('does not collide between an OA echo and other events reusing a msg_id', () => {
    const echo = parseWebhookBody(sample('oa_send_text.json'));
    const seen = parseWebhookEvent({
      app_id: '1',
      event_name: 'user_received_message',
      timestamp: '1',
      message: { msg_id: '0c1d2e3f4a5b4c6d8e7f9a0b1c2d3e4f' },
    });
    expect(eventDedupeKey(echo)).not.toBe(eventDedupeKey(seen));
  });
});
