import { useId, type ReactNode } from 'react';

type CardProps = {
  title: ReactNode;
  /** Pass one when something else must point at the title (e.g. a scroll region's label). */
  titleId?: string;
  className?: string;
  children: ReactNode;
};

/** A titled section of a page; the title names the section for assistive technology. */
export function Card({ title, titleId, className, children }: CardProps) {
  const generatedId = useId();
  const id = titleId ?? generatedId;
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
