import { Link, useParams } from 'react-router-dom';
import { ErrorBox, Loading, PageTitle } from '../../components/ui';
import { useLoad } from '../../lib/use-load';
import { api } from '../../services/api';
import { ScriptDownloads, ScriptView } from './script-view';

/** The radio bulletin of one approved announcement: opening, the news, hotline, closing. */
export function RadioBulletinPage() {
  const { id = '' } = useParams();
  const script = useLoad(() => api.radioBulletin(id), [id]);
  const status = useLoad(() => api.radioStatus(), []);
  if (script.loading && !script.data) return <Loading />;
  if (!script.data) return <ErrorBox error={script.error} />;
  return (
    <>
      <PageTitle actions={<Link to="/phat-thanh">← Phát thanh</Link>}>{script.data.title}</PageTitle>
      <ScriptDownloads url={(file) => api.radioBulletinUrl(id, file)} tts={status.data?.tts} label="Tải bản tin" />
      <div className="panel">
        <ScriptView script={script.data} />
      </div>
    </>
  );
}
