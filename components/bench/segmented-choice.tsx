'use client';

interface SegmentedChoiceProps<Value extends string | number> {
  label: string;
  options: ReadonlyArray<{ value: Value; title: string }>;
  value: Value;
  onChange(value: NoInfer<Value>): void;
}

/** A row of toggle buttons, one pressed: the app's `.segmented` control, for any small set of choices. */
export function SegmentedChoice<Value extends string | number>({ label, options, value, onChange }: SegmentedChoiceProps<Value>) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button key={option.value} type="button" aria-pressed={option.value === value} onClick={() => onChange(option.value)}>
          {option.title}
        </button>
      ))}
    </div>
  );
}
