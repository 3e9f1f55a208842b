import type { ComponentChildren } from 'preact';
import { href, onLinkClick } from '../router';

export function Link({ to, children }: { to: string; children: ComponentChildren }) {
  return (
    <a href={href(to)} onClick={(e) => onLinkClick(e, to)}>
      {children}
    </a>
  );
}
