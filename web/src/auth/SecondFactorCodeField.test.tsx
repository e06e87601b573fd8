import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { SecondFactorCodeField } from './SecondFactorCodeField';

describe('SecondFactorCodeField', () => {
  it('offers a number pad and one-time-code autofill for an app code', () => {
    render(<SecondFactorCodeField factor="totp" error="Enter the 6 digits." />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('autocapitalize', 'none');
    expect(input).toHaveAccessibleDescription('Enter the 6 digits.');
  });

  it('offers a plain keyboard and no autofill for a backup code, under the label given', () => {
    render(<SecondFactorCodeField factor="backup_code" label="Your backup code" />);
    const input = screen.getByLabelText('Your backup code');
    expect(input).toHaveAttribute('inputmode', 'text');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(input).toHaveAttribute('spellcheck', 'false');
  });
});
