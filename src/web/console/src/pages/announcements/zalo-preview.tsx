import { useEffect, useState } from 'react';
import { api, isAbort } from '../../services/api';
import type { AnnouncementPreview } from '../../services/types';

/**
 * The Zalo message and send time the server would produce for a draft, asked again a moment after
 * the draft stops changing (the server builds it with the same function the delivery uses).
 */
export function useAnnouncementPreview(draft: { id?: string; title?: string; summary?: string; at?: string }) {
  const [preview, setPreview] = useState<AnnouncementPreview>();
  const key = JSON.stringify(draft);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .previewAnnouncement(draft, controller.signal)
        .then(setPreview)
        .catch((err: unknown) => {
          if (!isAbort(err)) setPreview(undefined);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return preview;
}

/** The message as a resident sees it in Zalo: text, then its buttons. */
export function ZaloMessagePreview({ preview }: { preview: AnnouncementPreview | undefined }) {
  return (
    <figure className="zalo-preview" data-testid="zalo-preview" aria-label="Xem trước tin nhắn Zalo">
      <figcaption className="muted small">Người dân nhận trong Zalo:</figcaption>
      {preview ? (
        <div className="zalo-bubble">
          <p className="pre">{preview.text}</p>
          <div className="zalo-buttons">
            {preview.buttons.map((b) => (
              <span key={b} className="zalo-button">
                {b}
              </span>
            ))}
          </div>
        </div>
      ) : (
        <p className="muted small">Đang dựng bản xem trước…</p>
      )}
    </figure>
  );
}
