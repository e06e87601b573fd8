import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <title>Page not found · Dayline</title>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-zinc-700 dark:text-zinc-300">There is nothing at this address. Check the link, or start over.</p>
      <p>
        <Link to="/" className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Go to Home
        </Link>
      </p>
    </div>
  );
}
