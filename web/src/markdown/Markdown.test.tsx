import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Markdown } from './Markdown';

describe('Markdown', () => {
  it('renders emphasis, code, lists, headings and mentions', () => {
    const source = [
      '# Plan',
      'Ship **today**, then _rest_. Run `make`.',
      '',
      '- first',
      '- second',
      '',
      '1. one',
      '2. two',
      '',
      'Thanks @[Bo Berg](user:0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b)!',
    ].join('\n');
    const { container } = render(<Markdown source={source} />);
    expect(screen.getByRole('heading', { name: 'Plan' })).toBeInTheDocument();
    expect(container.querySelector('strong')).toHaveTextContent('today');
    expect(container.querySelector('em')).toHaveTextContent('rest');
    expect(container.querySelector('code')).toHaveTextContent('make');
    expect(container.querySelectorAll('ul > li')).toHaveLength(2);
    expect(container.querySelectorAll('ol > li')).toHaveLength(2);
    expect(screen.getByText('@Bo Berg')).toBeInTheDocument();
  });

  it('never turns text into markup or script', () => {
    const source = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) [docs](https://example.com/a)';
    const { container } = render(<Markdown source={source} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)>');
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', 'https://example.com/a');
    expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.queryByRole('link', { name: 'click' })).toBeNull();
    expect(container).toHaveTextContent('click');
  });

  it('links bare web addresses without the trailing full stop', () => {
    render(<Markdown source="See https://example.com/x." />);
    expect(screen.getByRole('link')).toHaveAttribute('href', 'https://example.com/x');
  });
});
