import type { MouseEvent, ReactNode } from 'react';
import { dialable, openPhone, openWebPage } from '../../services/zalo';

/**
 * A phone number as a real `tel:` link (works in any phone browser); inside Zalo the tap opens
 * Zalo's call screen instead.
 */
export function PhoneLink({ number, className, children }: { number: string; className?: string; children: ReactNode }) {
  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (!(await openPhone(number))) window.location.href = `tel:${dialable(number)}`;
  };
  return (
    <a href={`tel:${dialable(number)}`} className={className} onClick={onClick}>
      {children}
    </a>
  );
}

/** A link to another website: a new tab in a browser, Zalo's in-app browser inside Zalo. */
export function ExternalLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (!(await openWebPage(href))) window.open(href, '_blank', 'noopener,noreferrer');
  };
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className} onClick={onClick}>
      {children}
    </a>
  );
}
