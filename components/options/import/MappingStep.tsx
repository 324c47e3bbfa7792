import { useMemo } from 'react';
import { type ColumnMapping, type ParsedCsv, previewRows, STANDARD_FIELDS } from '@/lib/csv/import';
import { t, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { type ColumnTarget, FIELD_LABELS, retarget, targetOf } from './mapping';

interface Props {
  parsed: ParsedCsv;
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
}

const PREVIEW_ROWS = 6;

/** Column -> field selects, with a live preview of the first rows as they would import. */
export function MappingStep({ parsed, mapping, onChange }: Props) {
  const preview = useMemo(() => previewRows(parsed, mapping, PREVIEW_ROWS), [parsed, mapping]);
  const firstRow = parsed.rows[0] ?? [];
  return (
    <div className="tb-grid-2">
      <div>
        <h3 className="tb-section-title">{t('import_columns')}</h3>
        <div className="tb-rejected" style={{ maxHeight: 420 }}>
          <table className="tb-table tb-mapping" data-testid="mapping-table">
            <thead>
              <tr>
                <th>{t('import_col_in_file')}</th>
                <th>{t('import_col_goes_to')}</th>
              </tr>
            </thead>
            <tbody>
              {parsed.headers.map((h, i) => (
                <tr key={h}>
                  <td>
                    <div title={h}>{h}</div>
                    <div className="tb-sample" title={firstRow[i]}>
                      {firstRow[i] || '\u00a0'}
                    </div>
                  </td>
                  <td>
                    <select
                      aria-label={t('import_field_for', { column: h })}
                      value={targetOf(mapping, h)}
                      onChange={(e) => onChange(retarget(mapping, h, e.target.value as ColumnTarget))}
                    >
                      <option value="ignore">{t('import_ignore')}</option>
                      {STANDARD_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABELS[f]}
                        </option>
                      ))}
                      <option value="custom">{t('import_keep_custom')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        <h3 className="tb-section-title">{t('import_preview_title')}</h3>
        <table className="tb-table tb-preview" data-testid="import-preview">
          <thead>
            <tr>
              <th style={{ width: 52 }}>{t('import_col_line')}</th>
              <th>{t('field_name')}</th>
              <th>{t('field_email')}</th>
              <th>{t('field_company')}</th>
              <th>{t('field_title')}</th>
              <th>{t('field_phone')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((p) =>
              p.draft ? (
                <tr key={p.rowNumber}>
                  <td className="tb-muted">{p.rowNumber}</td>
                  <td>
                    {`${p.draft.firstName} ${p.draft.lastName}`.trim() || <span className="tb-muted">—</span>}
                  </td>
                  <td title={p.draft.email}>{p.draft.email}</td>
                  <td title={p.draft.company}>{p.draft.company}</td>
                  <td title={p.draft.title}>{p.draft.title}</td>
                  <td>{p.draft.phone}</td>
                </tr>
              ) : (
                <tr key={p.rowNumber}>
                  <td className="tb-muted">{p.rowNumber}</td>
                  <td colSpan={5} className="reason">
                    {t('import_wont_import', { reason: p.msg ? renderMsg(p.msg) : (p.reason ?? '') })}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <p className="tb-muted">{tn('import_rows_in_file', parsed.rowCount ?? parsed.rows.length)}</p>
      </div>
    </div>
  );
}
