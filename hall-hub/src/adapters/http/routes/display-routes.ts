import {
  DisplayAlertSchema,
  DisplayGroupSchema,
  DisplayPatchSchema,
  DisplaySceneSchema,
  DisplaySettingsSchema,
  DisplayStatusSchema,
  EmergencyBodySchema,
  EmergencySchema,
  MediaItemSchema,
  MediaUploadSchema,
  NoticeBodySchema,
  NoticeSchema,
  PowerScheduleBodySchema,
  PowerScheduleSchema,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readFile } from 'node:fs/promises';
import type { OutputInfo } from 'sharp';
import type { DisplayControl } from '../../../app/display-control.js';
import { Refused } from '../../../app/refused.js';
import type { HallConfig } from '../../../config/hall-config-schema.js';
import { previewPng } from '../../led/render-strip.js';
import { requireRole, type GuardContext } from '../auth-guard.js';
import { denied, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';
import { loadSharp } from '../../lazy-modules.js';

export interface DisplayRoutesContext extends GuardContext {
  config: HallConfig;
  displays: DisplayControl;
}

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Binary = Type.String({ description: 'binary image' });

function httpError(err: unknown): never {
  throw err instanceof Refused ? refusalError(err.refusal) : err;
}
const attempt = <T>(f: () => T): T => {
  try {
    return f();
  } catch (err) {
    return httpError(err);
  }
};

/**
 * Display control for managers (the console calls these): displays and groups, notices, emergency messages,
 * power schedules, idle images, health, screenshots and LED strip previews. Reads for managers and auditors;
 * changes for managers, audited. Images and staff photos are public: every screen in the hall shows them.
 */
export function displayRoutes(ctx: DisplayRoutesContext): FastifyPluginAsyncTypebox {
  const { displays } = ctx;
  const readers = requireRole(ctx, 'manager', 'auditor');
  const managers = requireRole(ctx, 'manager');
  const security = [{ bearer: [] }];
  return async (app) => {
    app.get('/api/displays', {
      schema: { tags: ['displays'], summary: 'Every display with its settings and health (online, last heartbeat, version, layout, power, alert)', security, response: responses({ 200: Type.Array(DisplayStatusSchema) }) },
      preHandler: readers,
    }, async () => displays.status());

    app.get('/api/displays/:id', {
      schema: { tags: ['displays'], summary: 'One display: settings and health', params: IdParams, security, response: responses({ 200: DisplayStatusSchema }) },
      preHandler: readers,
    }, async (req) => {
      const s = displays.status().find((d) => d.settings.id === req.params.id);
      if (!s) throw notFound('display', '这个显示屏');
      return s;
    });

    app.patch('/api/displays/:id', {
      schema: {
        tags: ['displays'],
        summary: 'Change a display’s surface, layout, zone, window, groups, voice or strip size — pushed to it at once',
        description: 'Displays are declared (with their credentials) in the hall configuration; this registers what each one shows.',
        params: IdParams,
        body: DisplayPatchSchema,
        security,
        response: responses({ 200: DisplaySettingsSchema }),
      },
      preHandler: managers,
    }, async (req) => attempt(() => displays.update(req.params.id, req.body)));

    app.get('/api/displays/:id/scene', {
      schema: { tags: ['displays'], summary: 'What the display shows now apart from the queue (as pushed to it)', params: IdParams, security, response: responses({ 200: DisplaySceneSchema }) },
      preHandler: readers,
    }, async (req) => displays.scene(req.params.id) ?? httpError(notFound('display', '这个显示屏')));

    app.post('/api/displays/:id/screenshot', {
      schema: {
        tags: ['displays'],
        summary: 'Ask a connected display for a picture of itself (it renders its own page) and wait for it (≤ 10 s)',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        security,
        response: responses({ 200: Type.Object({ at: Type.String({ format: 'date-time' }), mime: Type.String(), bytes: Type.Integer(), url: Type.String() }) }),
      },
      preHandler: managers,
    }, async (req) => {
      try {
        const shot = await displays.captureScreenshot(req.params.id);
        return { at: new Date(shot.at).toISOString(), mime: shot.mime, bytes: shot.bytes.length, url: `/api/displays/${encodeURIComponent(req.params.id)}/screenshot` };
      } catch (err) {
        return httpError(err);
      }
    });

    app.get('/api/displays/:id/screenshot', {
      schema: { tags: ['displays'], summary: 'The latest screenshot of a display (PNG, or SVG if the page could not rasterise itself)', params: IdParams, security, response: responses({ 200: Binary }) },
      preHandler: readers,
    }, async (req, reply) => {
      const shot = displays.screenshot(req.params.id);
      if (!shot) throw notFound('screenshot of this display', '这个显示屏的截图');
      return reply.type(shot.mime).header('cache-control', 'no-store').send(shot.bytes);
    });

    app.get('/api/displays/:id/preview.png', {
      schema: { tags: ['displays'], summary: 'An LED strip as the hall sees it now: its latest 1-bit frame (once rendered) drawn as LEDs', params: IdParams, security, response: responses({ 200: Binary }) },
      preHandler: readers,
    }, async (req, reply) => {
      const s = displays.get(req.params.id);
      if (!s || s.surface !== 'led-strip') throw notFound('LED strip', '这块 LED 条屏');
      const size = s.strip ?? { width: 128, height: 32 };
      // The frame of the strip's latest change may still be rendering: the preview shows that one, not the one before.
      await displays.stripSettled(s.id);
      const frame = displays.stripFrame(s.id) ?? { ...size, bits: Buffer.alloc((size.width / 8) * size.height) };
      return reply.type('image/png').header('cache-control', 'no-store').send(await previewPng(frame));
    });

    // ---- groups -----------------------------------------------------------------------------------------
    app.get('/api/display-groups', {
      schema: { tags: ['displays'], summary: 'Display groups (besides the built-in hall-wall, zone-wall, window-screen, led-strip)', security, response: responses({ 200: Type.Array(DisplayGroupSchema) }) },
      preHandler: readers,
    }, async () => displays.groups());
    app.put('/api/display-groups/:id', {
      schema: { tags: ['displays'], summary: 'Create or rename a display group', params: IdParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), security, response: responses({ 200: DisplayGroupSchema }) },
      preHandler: managers,
    }, async (req) => attempt(() => displays.putGroup({ id: req.params.id, name: req.body.name })));
    app.delete('/api/display-groups/:id', {
      schema: { tags: ['displays'], summary: 'Delete a display group (its displays leave it)', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      if (!displays.removeGroup(req.params.id)) throw notFound('display group', '这个显示屏分组');
      return reply.status(204).send(null);
    });

    // ---- notices and emergencies -------------------------------------------------------------------------
    app.get('/api/display-notices', {
      schema: { tags: ['displays'], summary: 'Scheduled notices (shown in the scrolling band of their target displays between start and end)', security, response: responses({ 200: Type.Array(NoticeSchema) }) },
      preHandler: readers,
    }, async () => displays.notices());
    app.post('/api/display-notices', {
      schema: { tags: ['displays'], summary: 'Schedule a notice', body: NoticeBodySchema, security, response: responses({ 201: NoticeSchema }) },
      preHandler: managers,
    }, async (req, reply) => reply.status(201).send(attempt(() => displays.addNotice(req.body, req.principal!.username))));
    app.delete('/api/display-notices/:id', {
      schema: { tags: ['displays'], summary: 'Withdraw a notice', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      if (!displays.removeNotice(req.params.id)) throw notFound('notice', '这条通知');
      return reply.status(204).send(null);
    });

    app.get('/api/display-emergencies', {
      schema: { tags: ['displays'], summary: 'Emergency messages, active and past', security, response: responses({ 200: Type.Array(EmergencySchema) }) },
      preHandler: readers,
    }, async () => displays.emergencies());
    app.post('/api/display-emergencies', {
      schema: {
        tags: ['displays'],
        summary: 'Show an emergency message on every display (or the targets) at once, over everything, until cleared or its end time',
        body: EmergencyBodySchema,
        security,
        response: responses({ 201: EmergencySchema }),
      },
      preHandler: managers,
    }, async (req, reply) => reply.status(201).send(attempt(() => displays.raiseEmergency(req.body, req.principal!.username))));
    app.post('/api/display-emergencies/:id/clear', {
      schema: { tags: ['displays'], summary: 'Clear an emergency message', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), security, response: responses({ 200: EmergencySchema }) },
      preHandler: managers,
    }, async (req) => attempt(() => displays.clearEmergency(req.params.id)));

    // ---- power schedules ---------------------------------------------------------------------------------
    app.get('/api/display-schedules', {
      schema: { tags: ['displays'], summary: 'Screen power and brightness schedules (apart from content)', security, response: responses({ 200: Type.Array(PowerScheduleSchema) }) },
      preHandler: readers,
    }, async () => displays.schedules());
    app.post('/api/display-schedules', {
      schema: {
        tags: ['displays'],
        summary: 'Add a power schedule: targeted displays are on (at the rule’s brightness) only within its rules; off on purpose otherwise, and not reported down',
        body: PowerScheduleBodySchema,
        security,
        response: responses({ 201: PowerScheduleSchema }),
      },
      preHandler: managers,
    }, async (req, reply) => reply.status(201).send(attempt(() => displays.putSchedule(null, req.body))));
    app.put('/api/display-schedules/:id', {
      schema: { tags: ['displays'], summary: 'Replace a power schedule', params: IdParams, body: PowerScheduleBodySchema, security, response: responses({ 200: PowerScheduleSchema }) },
      preHandler: managers,
    }, async (req) => attempt(() => displays.putSchedule(req.params.id, req.body)));
    app.delete('/api/display-schedules/:id', {
      schema: { tags: ['displays'], summary: 'Delete a power schedule', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      if (!displays.removeSchedule(req.params.id)) throw notFound('schedule', '这个开关屏计划');
      return reply.status(204).send(null);
    });

    mediaAndHealthRoutes(app, ctx);
  };
}

/** Idle images and videos, down alerts, and staff badge photos (亮身份). */
function mediaAndHealthRoutes(app: Parameters<FastifyPluginAsyncTypebox>[0], ctx: DisplayRoutesContext): void {
  const { displays } = ctx;
  const readers = requireRole(ctx, 'manager', 'auditor');
  const managers = requireRole(ctx, 'manager');
  const security = [{ bearer: [] }];
  // ---- media ---------------------------------------------------------------------------------------------
  app.get('/api/display-media', {
    schema: { tags: ['displays'], summary: 'Images of the idle playlist', security, response: responses({ 200: Type.Array(MediaItemSchema) }) },
    preHandler: readers,
  }, async () => displays.media());
  app.post('/api/display-media', {
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags: ['displays'],
      summary: 'Upload an image for the idle playlist: resized to fit 1920×1080 and re-encoded (WebP) by the hub',
      body: MediaUploadSchema,
      security,
      response: responses({ 201: MediaItemSchema }),
    },
    preHandler: managers,
  }, async (req, reply) => {
    let out: { data: Buffer; info: OutputInfo };
    try {
      out = await (await loadSharp())(Buffer.from(req.body.image, 'base64'), { limitInputPixels: 64_000_000 })
        .rotate()
        .resize({ width: 1920, height: 1080, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw denied('invalid_image');
    }
    const item = attempt(() =>
      displays.addMedia(
        { name: req.body.name, width: out.info.width, height: out.info.height, bytes: out.data.length, seconds: req.body.seconds, targets: req.body.targets },
        'image/webp',
        out.data,
      ),
    );
    return reply.status(201).send(item);
  });
  app.delete('/api/display-media/:id', {
    schema: { tags: ['displays'], summary: 'Remove an image from the playlist', params: IdParams, security, response: responses({ 204: Type.Null() }) },
    preHandler: managers,
  }, async (req, reply) => {
    if (!displays.removeMedia(req.params.id)) throw notFound('image', '这张图片');
    return reply.status(204).send(null);
  });
  app.get('/api/display-media/:id/file', {
    schema: { tags: ['displays'], summary: 'An idle-playlist image, as displays fetch it', params: IdParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = displays.mediaFile(req.params.id);
    if (!f) throw notFound('image', '这张图片');
    return reply.type(f.mime).header('cache-control', 'public, max-age=86400, immutable').send(f.bytes);
  });

  // ---- health ----------------------------------------------------------------------------------------------
  app.get('/api/display-alerts', {
    schema: {
      tags: ['displays'],
      summary: 'Displays that went down during opening hours (not those switched off by schedule), newest first',
      querystring: Type.Object({ open: Type.Boolean({ default: false, description: 'only alerts not yet cleared' }) }),
      security,
      response: responses({ 200: Type.Array(DisplayAlertSchema) }),
    },
    preHandler: readers,
  }, async (req) => displays.alerts(req.query.open));

  // ---- 亮身份: staff photos on window screens ---------------------------------------------------------------
  const staffByNo = new Map(ctx.config.staff.map((s) => [s.no, s]));
  app.get('/api/staff/:no/photo', {
    schema: { tags: ['displays'], summary: 'A staff member’s badge photo, as window screens show it (亮身份)', params: Type.Object({ no: Type.String({ minLength: 1, maxLength: 32 }) }), response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const photo = staffByNo.get(req.params.no)?.photo;
    if (!photo) throw notFound('photo', '这张照片');
    const data = /^data:(image\/[a-z+]+);base64,(.+)$/i.exec(photo);
    if (data) return reply.type(data[1]!).send(Buffer.from(data[2]!, 'base64'));
    const bytes = await readFile(photo).catch(() => null);
    if (!bytes) throw notFound('photo', '这张照片');
    const out = await (await loadSharp())(bytes).resize({ width: 480, height: 640, fit: 'cover' }).jpeg({ quality: 85 }).toBuffer().catch(() => null);
    if (!out) throw notFound('photo', '这张照片');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=3600').send(out);
  });
}
